FROM python:3.11-slim
WORKDIR /srv/innograph
# CJK fonts for the briefing deck: pictures (Noto CJK) and the PDF's embedded TrueType face
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk \
    fonts-wqy-microhei fontconfig && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY extract ./extract
COPY graph ./graph
COPY app ./app
COPY data ./data
RUN pip install --no-cache-dir -e .
EXPOSE 8501
CMD ["innograph", "app", "--address", "0.0.0.0", "--port", "8501"]
